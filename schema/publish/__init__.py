"""Publishing: the report and its templates, open-data export, the records doc, JSON Schemas, init."""
