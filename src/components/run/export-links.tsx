import { exportFormats, type ExportFormat } from "@/shared/runs";

const formatLabels: Record<ExportFormat, string> = { md: "Markdown", csv: "CSV", json: "JSON" };

/** Plain download links to the run's export route; the server names the file. */
export function ExportLinks({ runId }: { runId: string }) {
  return (
    <nav className="export-links" aria-label="Download this search" data-testid="export-links">
      <span className="muted">Download:</span>
      <ul>
        {exportFormats.map((format) => (
          <li key={format}>
            <a
              href={`/api/runs/${encodeURIComponent(runId)}/export?format=${format}`}
              download
              data-testid={`export-${format}`}
            >
              {formatLabels[format]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
