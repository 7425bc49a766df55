"""The one renderer: every list, record, report, export and import summary is a value object
(:mod:`dangvien_cli.render.model`), written by one module per format."""
