"""The stale-page banner: `assets/stale.js`, a small script every report page loads, lists the
pages whose last render failed and shows a banner on them (when the render failed, a link to
the landing page's list of failures). Each render rewrites the script, never the failed page:
its bytes stay exactly as the last good render wrote them."""

from __future__ import annotations

import json
from pathlib import Path

from plancompare.site.output import write_changed

SCRIPT = "assets/stale.js"

# The page finds its own path from the script's address: both are under the site's root.
_CODE = """\
// Written by each `plancompare render` (plancompare.site.stale): the pages whose last render
// failed, and the banner each shows. Do not edit.
(function () {
  var stale = %s;
  var root = document.currentScript.src.replace(/assets\\/stale\\.js([?#].*)?$/, "");
  var page = location.href.split(/[?#]/)[0];
  var entry = page.indexOf(root) === 0 && stale[decodeURIComponent(page.slice(root.length))];
  if (!entry) return;
  document.addEventListener("DOMContentLoaded", function () {
    var banner = document.createElement("p");
    banner.className = "stale-banner";
    banner.setAttribute("role", "alert");
    banner.textContent = entry.text + " ";
    var link = document.createElement("a");
    link.href = root + "index.html#failed";
    link.textContent = entry.link;
    banner.appendChild(link);
    var bar = document.querySelector("nav.site-bar");
    document.body.insertBefore(banner, bar ? bar.nextSibling : document.body.firstChild);
  });
})();
"""


def stale_pages(state: dict, reports_dir: Path) -> dict[str, dict[str, str]]:
    """Each kept page whose last render failed: its banner's words, in its language."""
    from plancompare import i18n

    return {
        path: {
            "text": i18n.sentence(
                "stale_banner", entry["lang"], failed_at=entry.get("failed_at", "")[:10]
            ),
            "link": i18n.sentence("stale_link", entry["lang"]),
        }
        for path, entry in sorted(state.items())
        if entry.get("status") == "failed" and (reports_dir / path).is_file()
    }


def write_stale_script(reports_dir: Path, state: dict) -> bool:
    """Rewrite assets/stale.js for `state` (only if it changes); whether it was written."""
    data = json.dumps(stale_pages(state, reports_dir), ensure_ascii=False, sort_keys=True)
    return write_changed(reports_dir / SCRIPT, _CODE % data)
