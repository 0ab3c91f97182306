"""The HTML report: ``page`` (the shell: head, navigation, overview of the run, method,
the sections in order), ``palette`` (colours, shared by every figure and the reader),
``reader`` (the articles, down to the sentence) and ``comparison`` (the "How alike" and
"What sets each apart" sections). Each measure family's section is in its module of
``framing.measures``. Figures are pure functions of table rows.

Import ``framing.report.page.render_report``; this package imports nothing at load time,
so a measure module can use ``palette`` without pulling in the page."""
