// Reloads a screen shown at a venue (a sign-in or check-in code that changes every minute) after the
// number of seconds in the script's data-seconds. A script rather than <meta http-equiv="refresh">,
// which screen readers announce as a page that changes without warning.
(function () {
  var seconds = Number(document.currentScript.dataset.seconds);
  if (seconds > 0) {
    setTimeout(function () { window.location.reload(); }, seconds * 1000);
  }
})();
