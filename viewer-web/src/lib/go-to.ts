/** Leaves the app for another site (Kakao's consent page): a full navigation, not a route change. */
export function goTo(url: string): void {
  window.location.assign(url);
}
