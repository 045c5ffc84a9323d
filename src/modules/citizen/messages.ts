import { addMessages } from '../../core/messages.ts';
import './companies/messages.ts';
import './directory/messages.ts';
import './profile/messages.ts';
import './signup/messages.ts';
import './subjects/messages.ts';
import './wallet/messages.ts';

// The citizen module's errors and field reasons, in zh-CN and en, in the 'citizen' namespace. Each area adds its
// own codes in its messages.ts (imported here); codes must not clash across areas.
addMessages('citizen', {});
