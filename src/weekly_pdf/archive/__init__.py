"""The archive: every back issue at once.

* :mod:`.discover` finds the issue files of an issues/ folder and where their PDFs go;
* :mod:`.inputs` fingerprints everything a PDF depends on (issue file, defaults,
  layouts, fonts, program) without importing WeasyPrint;
* :mod:`.state` remembers, in OUT_DIR, what was built from which inputs, and
  holds the lock that keeps two batches apart;
* :mod:`.batch` renders what changed in parallel worker processes
  (:mod:`.worker`), showing :mod:`.progress`;
* :mod:`.catalog` writes catalog.json and catalog.csv;
* :mod:`.numbering` checks numbers, running totals and dates across issues;
* :mod:`.newissue` writes next week's issue file; :mod:`.volume` binds a year.

Nothing here imports WeasyPrint at module level: a batch with nothing to do
must stay fast.
"""
