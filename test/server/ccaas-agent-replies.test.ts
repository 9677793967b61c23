import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { greeting, replyTo } from '../../demo/server/ccaas/agent-replies.js';

describe('simulated agent replies', () => {
  it('says goodbye and leaves on the word "bye" in any case, but not inside other words', () => {
    for (const text of ['bye', 'OK, Bye!', 'thanks... BYE']) assert.equal(replyTo(text).farewell, true, text);
    for (const text of ['goodbye', 'byelaw', 'bystander']) assert.equal(replyTo(text).farewell, false, text);
  });

  it('answers "link" in HTML and "help"/"list" in Markdown, everything else in plain text', () => {
    assert.equal(replyTo('a link please').body.elementText.textFormat, 'HTML');
    assert.equal(replyTo('Help!').body.elementText.textFormat, 'MARKDOWN');
    assert.equal(replyTo('show me the list').body.elementText.textFormat, 'MARKDOWN');
    assert.equal(replyTo('helpful? linked?').body.elementText.textFormat, 'PLAINTEXT');
  });

  it('quotes at most 200 characters of a long message, keeping replies under the text limit', () => {
    const reply = replyTo('x'.repeat(4096)).body.elementText.text;
    assert.ok(reply.length < 300);
    assert.match(reply, /x{200}…/);
  });

  it('greets the customer by name in plain text', () => {
    const body = greeting('Dana');
    assert.equal(body.elementText.textFormat, 'PLAINTEXT');
    assert.match(body.elementText.text, /^Hi Dana,/);
  });
});
