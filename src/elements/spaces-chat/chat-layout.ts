import { FlowLayout } from '@lit-labs/virtualizer/layouts/flow.js';

/**
 * How far beyond the visible part of the list rows are rendered, in pixels: about five rows. The
 * virtualizer's 1000 px renders some 25 rows nobody sees; while a burst moves the list, every
 * render replaces all of them, and laying them out made a render frame last over 50 ms.
 */
export const OVERHANG_PX = 400;

/** The virtualizer's flow layout with a shorter overhang (the layouts are made to be subclassed). */
export class ChatLayout extends FlowLayout {
  constructor(...args: ConstructorParameters<typeof FlowLayout>) {
    super(...args);
    this._overhang = OVERHANG_PX;
  }
}
