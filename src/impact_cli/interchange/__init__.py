"""Authoring and interchange: starter templates, CSV import and export, diffs.

Library code only: functions return values (text, diagnostics, change lists);
the commands in :mod:`impact_cli.commands` print them and choose exit codes.
"""
