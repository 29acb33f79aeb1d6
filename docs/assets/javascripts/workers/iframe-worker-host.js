/* Part of the patched iframe-worker shim (iframe-worker-shim.js; npm package
   iframe-worker 1.0.4, MIT License, (c) Martin Donath): runs inside the hidden
   frame that stands in for a Web Worker on file://, as a file instead of the
   original inline script, which the site's Content-Security-Policy forbids.
   The frame inherits the page's policy, so this must stay a file. */
(function () {
  var worker = document.currentScript.getAttribute("data-worker");
  window.postMessage = function (message, origin) {
    parent.postMessage(message, origin || "*");
  };
  window.importScripts = function () {
    return Array.prototype.reduce.call(arguments, function (done, url) {
      return done.then(function () {
        return new Promise(function (resolve) {
          var script = document.createElement("script");
          script.src = url;
          script.onload = resolve;
          document.body.appendChild(script);
        });
      });
    }, Promise.resolve());
  };
  window.addEventListener("error", function (ev) {
    parent.dispatchEvent(new ErrorEvent("error", { filename: worker, error: ev.error }));
  });
})();
