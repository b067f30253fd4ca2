/** Tend's name with its mark, as the page's main heading. */
export function Brand({ children = 'Tend' }: { children?: string }) {
  return (
    <h1 className="brand">
      <img src="/icon/tend.svg" alt="" width={20} height={20} />
      {children}
    </h1>
  );
}
