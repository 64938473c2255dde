'use strict';
jest.setTimeout(60_000);
