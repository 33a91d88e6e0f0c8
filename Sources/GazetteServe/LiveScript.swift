/// The live-reload script, served at `/__gazette/live.js` and referenced only from the pages
/// the preview server injects it into.
///
/// It listens on `/__gazette/events`. On connecting the server sends `hello` with the latest
/// build; after every build it sends `reload` with the new one. The page reloads whenever
/// that differs from the build it was served after, which also covers a build that finished
/// between serving the page and opening the stream. When the server restarts, EventSource
/// reconnects by itself (`retry`), sees a new build and reloads.
enum LiveScript {
    static let source = """
    // Added by `site serve` for previewing; not part of the published site.
    (function () {
      "use strict";
      var script = document.currentScript;
      var build = script ? script.getAttribute("data-gazette-build") : null;
      var overlay = document.getElementById("\(PageInjection.overlayID)");
      if (overlay) {
        var dismiss = overlay.querySelector("[data-gazette-dismiss]");
        if (dismiss) dismiss.addEventListener("click", function () { overlay.remove(); });
      }
      if (!build || !("EventSource" in window)) return;
      var source = new EventSource("/__gazette/events");
      function check(event) {
        if (event.data && event.data !== build) {
          source.close();
          location.reload();
        }
      }
      source.addEventListener("hello", check);
      source.addEventListener("reload", check);
    })();

    """
}
