import { FlowLayout } from '@lit-labs/virtualizer/layouts/flow.js';

/** A pin that also says how far below the top of the list the pinned row sits (negative: partly above it). */
export interface AnchorPin extends NonNullable<FlowLayout['pin']> {
  /** Pixels from the list's top to the row's top. */
  offset: number;
}

/**
 * How far beyond the visible part of the list rows are rendered, in pixels: about five rows. The
 * virtualizer's 1000 px renders some 25 rows nobody sees; while a burst moves the list, every
 * render replaces all of them, and laying them out made a render frame last over 50 ms.
 */
export const OVERHANG_PX = 400;

/**
 * The virtualizer's flow layout with a shorter overhang, and pins that keep a row where it was on
 * screen (the layouts are made to be subclassed).
 */
export class ChatLayout extends FlowLayout {
  constructor(...args: ConstructorParameters<typeof FlowLayout>) {
    super(...args);
    this._overhang = OVERHANG_PX;
  }

  /**
   * A pin with an `offset` (`AnchorPin`) puts its row that far below the top rather than at it:
   * the row the reader was looking at stays in place while older rows load above it and are
   * measured, which moves every row below them.
   */
  protected override _setPositionFromPin(): void {
    super._setPositionFromPin();
    const offset = (this._pin as AnchorPin | null)?.offset;
    if (!offset) return;
    const previous = this._scrollPosition + this._scrollError;
    this._scrollPosition = this._clampScrollPosition(this._scrollPosition - offset);
    this._scrollError = previous - this._scrollPosition;
  }
}
