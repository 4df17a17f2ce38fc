// The whole app runs in the browser's WebAssembly runtime, where the browser stores and transports work.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("browser")]
