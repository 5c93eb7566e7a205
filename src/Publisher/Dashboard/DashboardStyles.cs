namespace FhirSync.Publisher.Dashboard;

/// <summary>The page's styles: system fonts only, nothing fetched from elsewhere.</summary>
internal static class DashboardStyles
{
    public const string Source = """
        :root { --ink: #1f2933; --muted: #6b7785; --line: #e3e7ec; --ok: #127a3f; --run: #1d5fd1; --warn: #a15c00; --bad: #b42318; }
        * { box-sizing: border-box; }
        body { margin: 0; padding: 16px 24px; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", sans-serif; color: var(--ink); background: #f6f8fa; }
        header { display: flex; align-items: baseline; gap: 16px; }
        h1 { font-size: 20px; margin: 0 0 8px; }
        h2 { font-size: 15px; margin: 4px 0 8px; }
        section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px 12px; margin-bottom: 12px; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { font-weight: 600; color: var(--muted); font-size: 12px; }
        td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
        code { font: 12px ui-monospace, "DejaVu Sans Mono", monospace; }
        .sub { color: var(--muted); font-size: 12px; margin: 0; }
        .muted { color: var(--muted); }
        .problem { background: #fdecea; color: var(--bad); border: 1px solid #f5c2bd; border-radius: 6px; padding: 6px 10px; }
        .tiles { display: flex; gap: 12px; flex-wrap: wrap; margin-bottom: 12px; }
        .tile { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; min-width: 130px; }
        .tile strong { display: block; font-size: 22px; }
        .tile.alert strong { color: var(--bad); }
        .badge { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: 12px; font-weight: 600; background: #eef1f4; color: var(--muted); }
        .state-succeeded, .breaker-closed, .enabled { background: #e6f4ea; color: var(--ok); }
        .state-running { background: #e5eefc; color: var(--run); }
        .state-deferred, .breaker-half-open { background: #fdf1dc; color: var(--warn); }
        .state-failed, .breaker-open, .breaker-isolated { background: #fdecea; color: var(--bad); }
        tr.waiting td[data-field=ready] { color: var(--bad); font-weight: 600; }
        .nowrap { white-space: nowrap; }
        .columns { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 12px; align-items: start; }
        .columns section { margin-bottom: 0; }
        @media (max-width: 1100px) { .columns { grid-template-columns: 1fr; } }
        .chart { width: 100%; height: auto; }
        .chart .grid { stroke: var(--line); }
        .chart .axis { fill: var(--muted); font-size: 11px; }
        .chart .series { stroke-width: 1.5; fill: none; }
        .legend { display: flex; gap: 16px; flex-wrap: wrap; margin-top: 4px; }
        .legend svg { vertical-align: -1px; margin-right: 4px; }
        """;
}
