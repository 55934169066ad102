"""Sans-I/O core: every decision the clients make, as pure functions.

Request building, response checking and decoding, retry decisions and next-page computation live here;
:mod:`futurevuls_ext._sync` and :mod:`futurevuls_ext._async` only send and sleep.
"""
