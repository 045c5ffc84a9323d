// Every message of sharing, registered in its namespace at import: the console API's sub-areas and the sharing API.
import './applications/messages.ts';
import './grants/messages.ts';
import './api/messages.ts';
import './usage/messages.ts';
