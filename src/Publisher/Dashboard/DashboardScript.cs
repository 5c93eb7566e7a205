namespace FhirSync.Publisher.Dashboard;

/// <summary>
/// Polls <c>api/status</c> and redraws the page. Everything from the server goes in through DOM calls (text nodes and
/// attributes), never parsed as HTML, so a display name or a reason cannot inject markup.
/// </summary>
internal static class DashboardScript
{
    public const string Source = """
        "use strict";
        (() => {
          const SVG = "http://www.w3.org/2000/svg";
          const COLORS = ["#1d5fd1", "#d97706", "#059669", "#b42318", "#7c3aed", "#0891b2", "#db2777", "#65a30d"];

          const build = (element, attributes, children) => {
            for (const [name, value] of Object.entries(attributes || {})) if (value !== null && value !== undefined && value !== false) element.setAttribute(name, String(value));
            for (const child of children.flat()) if (child !== null && child !== undefined) element.append(child instanceof Node ? child : String(child));
            return element;
          };
          const h = (tag, attributes, ...children) => build(document.createElement(tag), attributes, children);
          const s = (tag, attributes, ...children) => build(document.createElementNS(SVG, tag), attributes, children);

          const number = value => Number(value).toLocaleString("en-US");
          const utc = iso => iso ? `${iso.replace("T", " ").slice(0, 16)} UTC` : "";
          const duration = seconds => {
            const whole = Math.max(0, Math.floor(seconds));
            if (whole < 60) return `${whole} s`;
            const minutes = Math.floor(whole / 60);
            if (minutes < 60) return `${minutes} min`;
            const hours = Math.floor(minutes / 60);
            return hours < 48 ? `${hours} h ${minutes % 60} min` : `${Math.floor(hours / 24)} d ${hours % 24} h`;
          };
          const period = seconds => {
            const [count, unit] = seconds % 86400 === 0 ? [seconds / 86400, "day"] : seconds % 3600 === 0 ? [seconds / 3600, "hour"] : [Math.round(seconds / 60), "minute"];
            return count === 1 ? unit : `${count} ${unit}s`;
          };
          const ago = (iso, now) => `${duration((now - Date.parse(iso)) / 1000)} ago`;
          const badge = (kind, value) => h("span", { class: `badge ${kind}-${value}` }, value);

          const runCell = (field, run, now) => {
            if (!run) return h("td", { "data-field": field, class: "muted" }, "none");
            const when = run.finishedAt || run.startedAt || run.requestedAt;
            const progress = !run.finishedAt && run.rowsRead > 0 ? ` · read ${number(run.rowsRead)} · written ${number(run.resourcesWritten)}` : "";
            return h("td", { "data-field": field, "data-state": run.state }, badge("state", run.state),
              h("p", { class: "sub", title: `run ${run.runId}, ${utc(when)}` },
                `${run.kind} · ${ago(when, now)}${run.slices > 1 ? ` · ${run.slices} slices` : ""}${progress}`));
          };
          const breakerCell = (field, breaker, now) => h("td", { "data-field": field, "data-state": breaker.state }, badge("breaker", breaker.state),
            breaker.worker ? h("p", { class: "sub", title: utc(breaker.changedAt) }, `${breaker.worker} · ${ago(breaker.changedAt, now)}`) : null);

          const tenantRow = (tenant, now) => h("tr", { "data-tenant": tenant.tenantId },
            h("td", { "data-field": "tenant" }, h("strong", {}, tenant.tenantId), h("p", { class: "sub", "data-field": "display-name" }, tenant.displayName)),
            h("td", { "data-field": "schedule" }, h("code", {}, tenant.scheduleCron), h("p", { class: "sub" }, tenant.scheduleTimeZone)),
            h("td", { "data-field": "enabled" }, tenant.enabled ? h("span", { class: "badge enabled" }, "enabled") : h("span", { class: "badge" }, "disabled")),
            runCell("current-run", tenant.currentRun, now),
            runCell("last-run", tenant.lastRun, now),
            h("td", { "data-field": "lag", class: "number", title: tenant.lastSucceededAt ? `last success ${utc(tenant.lastSucceededAt)}` : null },
              tenant.lagSeconds === null ? "never" : duration(tenant.lagSeconds)),
            h("td", { "data-field": "rows-read", class: "number" }, tenant.lastRun ? number(tenant.lastRun.rowsRead) : "–"),
            h("td", { "data-field": "written", class: "number" }, tenant.lastRun ? number(tenant.lastRun.resourcesWritten) : "–"),
            breakerCell("source-breaker", tenant.sourceBreaker, now),
            breakerCell("sink-breaker", tenant.sinkBreaker, now));

          const tenantsSection = (status, now) => h("section", { id: "tenants" }, h("h2", {}, "Tenants"),
            h("table", {}, h("thead", {}, h("tr", {}, ["Tenant", "Schedule", "Enabled", "Current run", "Last run"].map(title => h("th", {}, title)),
                ["Lag", "Rows read", "Written"].map(title => h("th", { class: "number" }, title)), h("th", {}, "Source breaker"), h("th", {}, "Sink breaker"))),
              h("tbody", {}, status.tenants.map(tenant => tenantRow(tenant, now)))));

          const errorsSection = (status, now) => h("section", { id: "errors" }, h("h2", {}, "Recent errors"),
            h("p", { class: "sub", "data-field": "error-queues" }, status.queues.queues.filter(queue => queue.isErrorQueue)
              .map(queue => `${queue.name}: ${number(queue.ready)} waiting`).join(" · ") || "no error queue yet"),
            status.errors.length === 0 ? h("p", { class: "muted" }, "No failed or deferred runs.") :
              h("table", {}, h("thead", {}, h("tr", {}, ["When", "Tenant", "Run", "State", "Stage", "Reason"].map(title => h("th", {}, title)))),
                h("tbody", {}, status.errors.map(error => h("tr", { "data-run": error.runId, "data-tenant": error.tenantId },
                  h("td", { class: "nowrap", title: utc(error.at) }, ago(error.at, now)), h("td", { class: "nowrap" }, error.tenantId), h("td", {}, h("code", {}, error.runId.slice(0, 8))),
                  h("td", {}, badge("state", error.state)), h("td", { "data-field": "stage" }, error.stage || ""), h("td", { "data-field": "reason" }, error.reason || ""))))));

          const queuesSection = status => h("section", { id: "queues" }, h("h2", {}, "Queues"),
            status.queues.problem ? h("p", { class: "problem", "data-field": "queues-problem" }, status.queues.problem) :
              h("table", {}, h("thead", {}, h("tr", {}, h("th", {}, "Queue"), ["Ready", "Unacked", "Consumers"].map(title => h("th", { class: "number" }, title)))),
                h("tbody", {}, status.queues.queues.map(queue => h("tr", { "data-queue": queue.name, class: queue.isErrorQueue && queue.ready > 0 ? "waiting" : null },
                  h("td", {}, h("code", {}, queue.name)), h("td", { "data-field": "ready", class: "number" }, number(queue.ready)),
                  h("td", { "data-field": "unacked", class: "number" }, number(queue.unacked)), h("td", { "data-field": "consumers", class: "number" }, number(queue.consumers)))))));

          const usageChart = usage => {
            const width = 1100, height = 180, left = 56, right = 16, top = 10, bottom = 24;
            const from = Date.parse(usage.from), to = Date.parse(usage.to), bucket = usage.bucketSeconds * 1000;
            const max = Math.max(1, ...usage.series.flatMap(series => series.points.map(point => point.resourcesWritten)));
            const x = time => left + (Math.max(time, from) - from) / (to - from) * (width - left - right);
            const y = value => top + (1 - value / max) * (height - top - bottom);
            const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart", role: "img", "aria-label": "resources written per tenant" });
            for (const value of [0, Math.round(max / 2), max]) {
              svg.append(s("line", { x1: left, x2: width - right, y1: y(value), y2: y(value), class: "grid" }),
                s("text", { x: left - 6, y: y(value) + 4, "text-anchor": "end", class: "axis" }, number(value)));
            }
            const step = to - from > 2 * 86400000 ? 86400000 : to - from > 12 * 3600000 ? 6 * 3600000 : 3600000;
            for (let tick = Math.ceil(from / step) * step; tick <= to; tick += step) {
              const label = new Date(tick).toISOString();
              svg.append(s("text", { x: x(tick), y: height - 6, "text-anchor": "middle", class: "axis" }, step >= 86400000 ? label.slice(5, 10) : label.slice(11, 16)));
            }
            usage.series.forEach((series, index) => {
              const color = COLORS[index % COLORS.length];
              const written = new Map(series.points.map(point => [Date.parse(point.at), point.resourcesWritten]));
              const line = [];
              for (let start = Math.floor(from / bucket) * bucket; start <= to; start += bucket) line.push(`${x(start).toFixed(1)},${y(written.get(start) || 0).toFixed(1)}`);
              svg.append(s("polyline", { points: line.join(" "), stroke: color, class: "series", "data-tenant": series.tenantId }));
              for (const point of series.points) {
                svg.append(s("circle", { cx: x(Date.parse(point.at)).toFixed(1), cy: y(point.resourcesWritten).toFixed(1), r: 3.5, fill: color, class: "point",
                  "data-tenant": series.tenantId, "data-at": point.at },
                  s("title", {}, `${series.tenantId}, ${utc(point.at)}: written ${number(point.resourcesWritten)}, read ${number(point.rowsRead)}`)));
              }
            });
            return svg;
          };

          const usageSection = status => h("section", { id: "usage" },
            h("h2", {}, `Resources written per ${period(status.usage.bucketSeconds)}, last ${period(Math.round((Date.parse(status.usage.to) - Date.parse(status.usage.from)) / 1000))}`),
            status.usage.series.length === 0 ? h("p", { class: "muted" }, "No usage in this window.") : [usageChart(status.usage),
              h("div", { class: "legend" }, status.usage.series.map((series, index) => h("span", { "data-tenant": series.tenantId },
                s("svg", { width: 12, height: 12 }, s("rect", { width: 12, height: 12, rx: 2, fill: COLORS[index % COLORS.length] })),
                `${series.tenantId}: ${number(series.points.reduce((sum, point) => sum + point.resourcesWritten, 0))}`)))]);

          const tiles = status => {
            const tile = (label, value, alert) => h("div", { class: alert && value > 0 ? "tile alert" : "tile", "data-tile": label }, h("strong", {}, number(value)), label);
            const states = status.tenants.map(tenant => tenant.currentRun?.state);
            return h("div", { class: "tiles" },
              tile("tenants", status.tenants.length, false),
              tile("running", states.filter(state => state === "running").length, false),
              tile("deferred", states.filter(state => state === "deferred").length, true),
              tile("last run failed", status.tenants.filter(tenant => tenant.lastRun?.state === "failed").length, true),
              tile("breakers not closed", status.tenants.filter(tenant => tenant.sourceBreaker.state !== "closed" || tenant.sinkBreaker.state !== "closed").length, true),
              tile("in error queues", status.queues.queues.filter(queue => queue.isErrorQueue).reduce((sum, queue) => sum + queue.ready, 0), true));
          };

          const render = status => {
            const now = Date.parse(status.generatedAt);
            document.getElementById("app").replaceChildren(tiles(status), tenantsSection(status, now), usageSection(status),
              h("div", { class: "columns" }, errorsSection(status, now), queuesSection(status)));
            document.getElementById("updated").textContent = `updated ${status.generatedAt.slice(11, 19)} UTC · every ${status.refreshSeconds} s`;
          };

          const problem = text => {
            const banner = document.getElementById("problem");
            banner.textContent = text || "";
            banner.hidden = !text;
          };

          const refresh = async () => {
            let seconds = 5;
            try {
              const response = await fetch("api/status", { cache: "no-store", headers: { Accept: "application/json" } });
              if (!response.ok) throw new Error(`the dashboard answered ${response.status}`);
              const status = await response.json();
              seconds = status.refreshSeconds;
              render(status);
              problem(null);
            } catch (error) {
              problem(`Could not refresh: ${error.message}`);
            }
            setTimeout(refresh, seconds * 1000);
          };
          refresh();
        })();
        """;
}
