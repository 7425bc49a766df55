"""The one renderer: every list, record, report, export and import summary is a value object
(:mod:`dangvien_cli.render.model`), written by one module per format: :mod:`.table` (rich, for people),
:mod:`.json`, :mod:`.csv`, :mod:`.md` and :mod:`.xlsx`; :mod:`.formats` names the formats and picks the
module. Nothing here imports typer; only the table module imports rich."""
