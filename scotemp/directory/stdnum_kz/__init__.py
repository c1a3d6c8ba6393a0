"""Kazakhstan's identifiers, written as a python-stdnum module (``stdnum.kz``) so that it can be offered
upstream unchanged: python-stdnum 2.2 has no module for Kazakhstan."""
