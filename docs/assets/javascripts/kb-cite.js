/*
 * kb-cite.js - the "Cite this practice" block: the reader's access date and
 * the copy button. A classic script (file:// refuses modules), no inline
 * code (the Content-Security-Policy allows script files of the site only).
 *
 * Without this script the citation reads "Accessed [date]" and the copy
 * button stays hidden, so nothing on the page is broken.
 */
(function () {
  "use strict";

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"];

  // "1 December 2026": day month year, unambiguous in every locale.
  function today() {
    var d = new Date();
    return d.getDate() + " " + MONTHS[d.getMonth()] + " " + d.getFullYear();
  }

  function textOf(element) {
    return (element.textContent || "").replace(/\s+/g, " ").trim();
  }

  // The asynchronous Clipboard API needs a secure context and may be denied;
  // the selection and execCommand fallback covers file:// in older browsers.
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () {
        return legacyCopy(text);
      });
    }
    return legacyCopy(text);
  }

  function legacyCopy(text) {
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.top = "-1000px";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try {
        ok = document.execCommand("copy");
      } catch (e) {
        ok = false;
      }
      document.body.removeChild(area);
      if (ok) resolve();
      else reject(new Error("copy refused"));
    });
  }

  function init() {
    var dates = document.querySelectorAll(".kb-cite .kb-accessed");
    for (var i = 0; i < dates.length; i++) dates[i].textContent = today();

    var buttons = document.querySelectorAll("button.kb-copy[data-kb-copy]");
    for (var j = 0; j < buttons.length; j++) {
      var button = buttons[j];
      if (button.getAttribute("data-kb-ready")) continue; // document$ and DOMContentLoaded both call init
      button.setAttribute("data-kb-ready", "1");
      button.hidden = false;
      button.addEventListener("click", onCopy);
    }
  }

  function onCopy(event) {
    var button = event.currentTarget;
    var source = document.getElementById(button.getAttribute("data-kb-copy"));
    var status = button.parentNode.querySelector(".kb-copy-status");
    if (!source) return;
    copyText(textOf(source)).then(function () {
      if (status) status.textContent = "Citation copied.";
    }, function () {
      // Select the text so that the reader can copy it by hand.
      var range = document.createRange();
      range.selectNodeContents(source);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      if (status) status.textContent = "Copying was refused: the citation is selected, press Ctrl+C (or Cmd+C) to copy it.";
    });
  }

  // Material emits each page (the first and every instant navigation) on
  // document$; on file:// it may not (overrides/main.html), hence also
  // DOMContentLoaded. init() is idempotent.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () {
      init();
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
