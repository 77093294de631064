import { apiFetch, type Query } from '../app/api';

/** `attachment; filename*=UTF-8''%E5%AD%A6%E7%94%9F.xlsx` → 学生.xlsx (plain `filename=` as a fallback). */
export function fileNameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // malformed escape: try the plain form
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
  return plain ? plain[1].trim() : null;
}

/**
 * Downloads a file from the API through fetch rather than a plain link, so a refusal (403, expired session)
 * surfaces as an ApiError message instead of a JSON page replacing the app.
 */
export async function downloadFile(path: string, query: Query, fallbackName: string): Promise<void> {
  const response = await apiFetch('GET', path, { query, accept: '*/*' });
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameFromDisposition(response.headers.get('content-disposition')) ?? fallbackName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the blob goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
