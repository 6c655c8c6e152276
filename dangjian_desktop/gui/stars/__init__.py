"""The 星级评定 page's parts: the self-assessment form, the live result, submitting."""
