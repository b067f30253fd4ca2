/** Tend's name with its mark, as the page's main heading (or as a plain line where the page has its own). */
export function Brand({ children = 'Tend', as: Tag = 'h1' }: { children?: string; as?: 'h1' | 'p' }) {
  return (
    <Tag className="brand">
      <img src="/icon/tend.svg" alt="" width={20} height={20} />
      {children}
    </Tag>
  );
}
