"""The 报表打印 page's parts: the scope widgets made from a form's options, the PDF preview, and
the routine that sends a PDF to a printer."""
