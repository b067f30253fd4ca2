/**
 * Tend's mark, drawn as inline SVG rather than loaded as an image: an <img> of an SVG file cost every page that
 * shows it (the popup's kept screen among them) a request to the extension's files and a separate SVG document,
 * 10-17 ms of the renderer's main thread before the first paint in Chromium traces here. The toolbar icons are
 * rendered from this same component (scripts/make-icons.ts).
 */
export function Mark({ size = 20 }: { size?: number }) {
  return (
    <svg
      className="brand-mark"
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 128 128"
      width={size}
      height={size}
      aria-hidden="true"
      focusable="false"
    >
      <rect x="4" y="4" width="120" height="120" rx="28" fill="#1f6f50" />
      <path d="M64 108 V62" stroke="#f4f1e8" strokeWidth="9" strokeLinecap="round" fill="none" />
      <path d="M64 66 C64 42 82 28 106 28 C106 54 88 68 64 66 Z" fill="#b9e4a7" />
      <path d="M64 76 C64 58 50 46 24 46 C24 68 40 80 64 76 Z" fill="#f4f1e8" />
    </svg>
  );
}

/** Tend's name with its mark, as the page's main heading (or as a plain line where the page has its own). */
export function Brand({ children = 'Tend', as: Tag = 'h1' }: { children?: string; as?: 'h1' | 'p' }) {
  return (
    <Tag className="brand">
      <Mark />
      {children}
    </Tag>
  );
}
