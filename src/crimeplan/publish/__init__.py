"""Publishing: measure tables, committee reports (HTML/PDF/DOCX/XLSX) and open-data exports."""
