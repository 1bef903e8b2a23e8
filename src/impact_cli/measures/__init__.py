"""Measures over time: the statistics behind a measure's chart, in plain Python.

Nothing here draws or reads files; :mod:`impact_cli.render` draws the charts and
:mod:`impact_cli.check.measure_data` reads the data. docs/measures.md explains every
rule and its source, and tests/measures/cases.yaml proves them against published
results.

=================  ===============================================================
``values``         numbers as written in data files, and as the words show them
``periods``        days, ISO weeks, months, quarters and years, and their order
``xmr``            XmR limits, section by section: mean, MR-bar, sigma, trial
``patterns``       runs and trends, shared by both rule sets
``mdc``            the Making Data Count rules, variation and assurance
``runchart``       the IHI run chart rules
``analysis``       one series read with one rule set: what a chart shows
=================  ===============================================================
"""
