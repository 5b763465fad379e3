// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { trusted } from '../../utils/trusted';

describe('trusted', () => {
  it('runs the handler only for events the browser made from real input', () => {
    const handler = vi.fn();
    const wrapped = trusted(handler);
    // A page script's dispatchEvent is never trusted.
    const button = document.createElement('button');
    button.addEventListener('click', wrapped);
    button.dispatchEvent(new MouseEvent('click'));
    expect(handler).not.toHaveBeenCalled();
    // What a real click delivers (isTrusted cannot be set from script; shaped here as the browser sends it).
    wrapped({ isTrusted: true } as Event);
    expect(handler).toHaveBeenCalledOnce();
  });
});
