// What users read when the server refuses: one Chinese sentence, no ids, no engine codes
// (app/tasklist/scripts/lianbao.js, loaded here with a stand-in for AngularJS).
import assert from 'node:assert/strict';
import { test } from 'node:test';

const chain = new Proxy({}, { get: () => () => chain });
globalThis.window = { angular: { module: () => chain, element: () => chain } };
const { chineseMessage } = await import(
  '../src/main/resources/META-INF/resources/webjars/camunda/app/tasklist/scripts/lianbao.js');

test('a refused submit keeps the Chinese reason, without the engine prefix, the task id or the field id', () => {
  assert.equal(
    chineseMessage('Cannot submit task form 3f2a9c1e-8b7d-11ef-9c1a-0242ac120002: 字段 committedDay（承诺完成时间）应晚于今天（2027年10月2日），收到 2027年9月15日'),
    '“承诺完成时间”应晚于今天（2027年10月2日），收到 2027年9月15日');
});

test('an English authorization refusal becomes one Chinese sentence saying what to do', () => {
  const message = chineseMessage("The user with id 'supervisor' does not have one of the following permissions: 'TASK_ASSIGN' permission on resource '3f2a9c1e-8b7d-11ef-9c1a-0242ac120002' of type 'Task'");
  assert.match(message, /没有权限/);
  assert.doesNotMatch(message, /[A-Za-z]{3,}/);
});

test('any other English message becomes a Chinese sentence', () => {
  const message = chineseMessage('ENGINE-13005 Unexpected error while completing the task');
  assert.match(message, /[\u4e00-\u9fff]/);
  assert.doesNotMatch(message, /[A-Za-z]{3,}/);
});
