"""The walking programme pages, one module per thing the person does there.

``home`` (the programme page), ``start`` (begin), ``log`` (log, change, move or wipe a walk),
``checkin`` (the W-14 check-in and the W-10 pain question), ``measure`` (the O-2 measurements),
``progress`` (the progress page),
``report`` (the PDF for the GP) and ``claim`` (a rugtest result found in this browser).
Views only translate HTTP: services change, selectors read, presenters put it in words.
"""
