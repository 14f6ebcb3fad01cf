#!/usr/bin/env node
'use strict'
// The `stationdesk` command: registers tsx to load the TypeScript sources, then runs the CLI.
// The exit code is set with process.exitCode (not process.exit) so stdout is fully written.
require('tsx/cjs')
require('../src/cli/main.ts').main(process.argv.slice(2))
