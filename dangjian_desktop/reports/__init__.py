"""Files for people: PDF forms (reportlab) and Excel workbooks (openpyxl). No Qt here."""
