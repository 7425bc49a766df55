"""``python -m dangvien_cli``."""

from dangvien_cli.cli.app import main

main()
