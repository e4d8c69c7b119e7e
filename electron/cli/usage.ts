// Exit codes and the help text of the `packet-journey` command.
export const EXIT = {
  ok: 0,
  /** A bad file, an unknown device, a bad URL, an engine failure, or (validate) error-severity problems. */
  failure: 1,
  /** The command line itself is wrong: unknown command or option, missing argument. */
  usage: 2,
  /** simulate ran, and the simulated fetch failed (blocked, NXDOMAIN, no route…): scripts can tell reachability. */
  fetchFailed: 3,
} as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const USAGE = `packet-journey — replay what really happens on the wire when a browser fetches a URL.

Usage:
  packet-journey simulate FILE --from DEVICE --url URL [--json OUT.json] [--pcap OUT.pcapng [--pcap-every-hop]]
                  [--seed N] [--warm] [--before URL]... [--pause SECONDS] [--then-set DEVICE.PATH=VALUE]...
  packet-journey validate FILE
  packet-journey slides FILE --from DEVICE --url URL --out deck.pptx|deck.pdf|deck.gif|deck.zip|DIR [options]
  packet-journey player FILE --from DEVICE --url URL --out lesson.html [--level N] [--steps A-B] [--lang en|ko]
  packet-journey --help | --version

Commands:
  simulate   Run the fetch of URL from the host DEVICE (its name or id) on the network in FILE and print every
             step and the outcome.
               --json OUT.json     also write the trace as JSON (frame bytes as hex)
               --pcap OUT.pcapng   also write the capture for Wireshark/tshark: one interface per link, each
                                   TCP connection and UDP exchange once, on the first link it crossed
               --pcap-every-hop    keep their copies on every link too (Wireshark then takes them for
                                   retransmissions)
               --seed N            seed for ports, sequence numbers and DNS ids (default 1)
               --warm              fetch once first and record only the second fetch (warm caches)
               --before URL        fetch URL first from the same host, unrecorded (repeatable, in order;
                                   --warm is --before the same URL)
               --pause SECONDS     virtual time between one fetch and the next (default 1): caches, TTLs
                                   and ARP entries age
               --then-set DEVICE.PATH=VALUE
                                   change the configuration just before the recorded fetch (repeatable),
                                   PATH into the device's JSON, VALUE as JSON or text:
                                   fw.rules[0].action=deny, auth.roles.dns.zones[0].records[3].ttl=60
                                   Without these, the scenario saved in FILE's replay section is used.
  validate   Print the problems of the network in FILE.
  slides     Export the replay's steps as slides (PNG/SVG folder, zip, PDF, PPTX with speaker notes, GIF).
               --steps 3-18        a range of steps (default: every step of the level)
               --level 1-7         detail level, from "type the address, the page appears" to every frame
               --lang en|ko        caption language (default en)
               --theme light|dark|print
               --format png|svg    for a folder
               --diagram           the network alone, without a replay (--out network.png|network.svg)
  player     Write one HTML file that replays the journey offline from file:// (no network, no other file): the
             network, step controls and keys, the levels, the caption and the packet inspector.
               --level 1-7         level it opens at (default 7)
               --steps 3-18        lock it to a range of the level's steps
               --lang en|ko        language (default en)

Exit status: 0 success; 1 bad file, unknown device, bad URL, engine failure, or validate found errors;
2 wrong usage; 3 simulate ran and the simulated fetch failed (the summary says where and why).`;
