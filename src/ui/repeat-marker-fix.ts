import type { ChildPart } from 'lit';
import { getCommittedValue, getDirectiveClass } from 'lit/directive-helpers.js';
import { repeat } from 'lit/directives/repeat.js';

/** The `update` methods this module installed. */
const patched = new WeakSet<object>();

/**
 * Works around lit-html 3.3.1–3.3.3 leaving the end marker (an empty comment) of every item
 * `repeat` removes (lit/lit#5298, fixed by the open lit/lit#5299). The virtualizer removes a
 * row at one edge and adds one at the other on every scroll and burst frame, so the list gathered
 * thousands of orphan comments, and the virtualizer walks all of its children several times per
 * frame: each frame cost more the longer the room had been open. After each `repeat` update this
 * removes the end markers of the items it dropped, through lit's public part API. Where lit
 * already removes them (a fixed release) it finds nothing to do, as does a second call; where
 * the directive is not shaped as expected it leaves it alone.
 */
export function fixRepeatMarkers(): void {
  const proto = getDirectiveClass(repeat([], () => ''))?.prototype as { update?: unknown } | undefined;
  const update = proto?.update;
  // Once per page: each wrap would add its copy of the parts to every update of every list.
  if (typeof update !== 'function' || patched.has(update)) return;
  proto!.update = function (this: unknown, part: ChildPart, args: unknown[]) {
    const before = getCommittedValue(part);
    // `repeat` nulls the entries of the parts it moves, so look at a copy.
    const old = Array.isArray(before) ? [...(before as (ChildPart | null)[])] : [];
    const result = (update as (part: ChildPart, args: unknown[]) => unknown).call(this, part, args);
    const kept = getCommittedValue(part);
    if (Array.isArray(kept)) {
      const live = new Set(kept);
      for (const item of old) if (item && !live.has(item)) (item.endNode as ChildNode | null)?.remove();
    }
    return result;
  };
  patched.add(proto!.update as object);
}
