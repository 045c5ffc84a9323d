/** The big screen (TODO(skeleton): built by the screen web area). */
export function ScreenPage() {
  return <div data-testid="ioc-screen">IOC</div>;
}
