// A page with form errors: the error summary at the top takes the focus, so that a screen
// reader reads it first and a keyboard starts there (GOV.UK / NL Design System pattern).
// Without this script the summary's autofocus attribute does the same where the browser
// supports it.
"use strict";
const summary = document.querySelector(".error-summary[tabindex]");
if (summary) summary.focus();
