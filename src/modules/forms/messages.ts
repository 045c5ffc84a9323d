import { addMessages } from '../../core/messages.ts';
import './answers-messages.ts';
import './definitions/messages.ts';
import './inbox/messages.ts';
import './sharing/messages.ts';

// The forms module's errors and field reasons, in zh-CN and en, in the 'forms' namespace. Each area adds its own
// codes in its messages.ts (imported here); codes must not clash across areas.
addMessages('forms', {});
