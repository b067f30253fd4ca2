/**
 * happy-dom has no layout: for a test file's duration, elements report the size a browser would give a scroll
 * area (what @tanstack/react-virtual measures).
 */
export function stubLayout(size = { width: 1000, height: 440 }): void {
  beforeAll(() => {
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => size.height });
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => size.width });
  });
  afterAll(() => {
    Reflect.deleteProperty(HTMLElement.prototype, 'clientHeight');
    Reflect.deleteProperty(HTMLElement.prototype, 'clientWidth');
  });
}
