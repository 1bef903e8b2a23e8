"""Office files: a PowerPoint deck of editable shapes (:mod:`.deck`) and an accessible
Word document (:mod:`.document`).

They need python-pptx and python-docx, installed with ``impact-cli[office]``;
``render.check_available`` says so when they are missing. :mod:`.layout` reads
Graphviz's layout, :mod:`.slide` draws a diagram on a slide, :mod:`.drawingml` and
:mod:`.wordml` add what the two libraries have no property for, and :mod:`.package`
makes the bytes the same at every run.
"""
