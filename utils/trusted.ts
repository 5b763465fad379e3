/**
 * Our UI lives in the page's DOM (in a shadow root), where page scripts can dispatch synthetic
 * clicks. Actions with effects (dismiss, start or steer a walkthrough) only follow real user input.
 */
export function trusted<E extends Event>(handler: (event: E) => void): (event: E) => void {
  return (event) => {
    if (event.isTrusted) handler(event);
  };
}
