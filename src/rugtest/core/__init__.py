"""The clinical engine: plain Python, no Django.

Everything the web pages, the API, the command line and the tests ask about the
questionnaire, the triage and the walking plan is answered here, so that they all
give the same answer.
"""
