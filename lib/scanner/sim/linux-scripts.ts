// Text of simulated Linux accounts, hosts, sudoers, cron and init scripts, and the cron jobs the activity
// model adds (an admin's, and a known malware's).
import type { TextTemplate } from "./text";

const accountLines = (distro: "ubuntu" | "rhel", admin: string): TextTemplate["lines"] =>
  distro === "ubuntu"
    ? [
        "root:x:0:0:root:/root:/bin/bash",
        "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin",
        "bin:x:2:2:bin:/bin:/usr/sbin/nologin",
        "sys:x:3:3:sys:/dev:/usr/sbin/nologin",
        "sync:x:4:65534:sync:/bin:/bin/sync",
        "man:x:6:12:man:/var/cache/man:/usr/sbin/nologin",
        "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin",
        "systemd-network:x:100:102:systemd Network Management,,,:/run/systemd:/usr/sbin/nologin",
        "systemd-resolve:x:101:103:systemd Resolver,,,:/run/systemd:/usr/sbin/nologin",
        "messagebus:x:102:105::/nonexistent:/usr/sbin/nologin",
        "syslog:x:104:111::/home/syslog:/usr/sbin/nologin",
        "sshd:x:106:65534::/run/sshd:/usr/sbin/nologin",
        `${admin}:x:1000:1000:Ubuntu:/home/${admin}:/bin/bash`,
        ["", "deploy:x:1001:1001:Deployment,,,:/home/deploy:/bin/bash"],
        ["", "backup-svc:x:1002:1002:Backup agent,,,:/var/lib/backup-svc:/usr/sbin/nologin"],
        ["", "sysadm:x:0:0::/root:/bin/bash"],
      ]
    : [
        "root:x:0:0:root:/root:/bin/bash",
        "bin:x:1:1:bin:/bin:/sbin/nologin",
        "daemon:x:2:2:daemon:/sbin:/sbin/nologin",
        "adm:x:3:4:adm:/var/adm:/sbin/nologin",
        "nobody:x:65534:65534:Kernel Overflow User:/:/sbin/nologin",
        "systemd-coredump:x:999:997:systemd Core Dumper:/:/sbin/nologin",
        "dbus:x:81:81:System message bus:/:/sbin/nologin",
        "polkitd:x:998:996:User for polkitd:/:/sbin/nologin",
        "chrony:x:997:995::/var/lib/chrony:/sbin/nologin",
        "sshd:x:74:74:Privilege-separated SSH:/usr/share/empty.sshd:/sbin/nologin",
        `${admin}:x:1000:1000::/home/${admin}:/bin/bash`,
        ["", "deploy:x:1001:1001::/home/deploy:/bin/bash"],
        ["", "backup-svc:x:1002:1002:Backup agent:/var/lib/backup-svc:/sbin/nologin"],
        ["", "sysadm:x:0:0::/root:/bin/bash"],
      ];

export function accountTemplates(distro: "ubuntu" | "rhel", admin: string): Record<string, TextTemplate> {
  const sudoGroup = distro === "ubuntu" ? "sudo" : "wheel";
  return {
    passwd: { lines: accountLines(distro, admin) },
    group: {
      lines: [
        "root:x:0:",
        "adm:x:4:syslog," + admin,
        `${sudoGroup}:x:${distro === "ubuntu" ? 27 : 10}:${admin}`,
        ["ssh-users:x:1100:" + admin, "ssh-users:x:1100:" + admin + ",deploy"],
        `${admin}:x:1000:`,
        ["", "deploy:x:1001:"],
        ["", "backup-svc:x:1002:"],
      ],
    },
    sudoers: {
      lines: [
        "#",
        "# This file MUST be edited with the 'visudo' command as root.",
        "#",
        "Defaults\tenv_reset",
        "Defaults\tmail_badpass",
        'Defaults\tsecure_path="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"',
        ["", "Defaults\tuse_pty", "Defaults\tlogfile=/var/log/sudo.log"],
        "",
        "# User privilege specification",
        "root\tALL=(ALL:ALL) ALL",
        "",
        `%${sudoGroup}\tALL=(ALL:ALL) ALL`,
        ["", "%deploy\tALL=(ALL) NOPASSWD: /usr/bin/systemctl restart *", "%deploy\tALL=(ALL) NOPASSWD: ALL"],
        "",
        "@includedir /etc/sudoers.d",
      ],
    },
  };
}

export const HOSTS_TEMPLATE = (host: string): TextTemplate => ({
  lines: [
    "127.0.0.1 localhost",
    `127.0.1.1 ${host}.contoso.internal ${host}`,
    "",
    "# The following lines are desirable for IPv6 capable hosts",
    "::1 ip6-localhost ip6-loopback",
    "fe00::0 ip6-localnet",
    "ff00::0 ip6-mcastprefix",
    "ff02::1 ip6-allnodes",
    "ff02::2 ip6-allrouters",
    ["", "10.40.2.15 db-primary.contoso.internal db-primary"],
    ["", "10.40.2.16 db-replica.contoso.internal"],
    ["", "10.40.8.4 packages.contoso.internal"],
  ],
});

/** Scripts of /etc/cron.* and /etc/init.d per distribution: name → body. */
export const CRON_SCRIPTS: Record<"ubuntu" | "rhel", Record<string, Record<string, string>>> = {
  ubuntu: {
    "cron.hourly": {
      ".placeholder": "# DO NOT EDIT OR REMOVE\n# This file is a simple placeholder to keep dpkg from removing this directory\n",
    },
    "cron.daily": {
      ".placeholder": "# DO NOT EDIT OR REMOVE\n# This file is a simple placeholder to keep dpkg from removing this directory\n",
      "apt-compat":
        "#!/bin/sh\n\nset -e\n\n# Systemd systems use a systemd timer unit which is preferable to\n# run. We want to randomize the apt update and unattended-upgrade\n# runs as much as possible to avoid hitting the mirrors all at the\n# same time. The systemd time is better at this than the fixed\n# cron.daily time\nif [ -d /run/systemd/system ]; then\n    exit 0\nfi\n\ncheck_power()\n{\n    return 0\n}\n\nexec /usr/lib/apt/apt.systemd.daily\n",
      dpkg: "#!/bin/sh\n\n# Skip if systemd is running.\nif [ -d /run/systemd/system ]; then\n    exit 0\nfi\n\n/usr/libexec/dpkg/dpkg-db-backup\n",
      logrotate:
        '#!/bin/sh\n\n# skip in favour of systemd timer\nif [ -d /run/systemd/system ]; then\n    exit 0\nfi\n\n# this cronjob persists removals (but not purges)\nif [ ! -x /usr/sbin/logrotate ]; then\n    exit 0\nfi\n\n/usr/sbin/logrotate /etc/logrotate.conf\nEXITVALUE=$?\nif [ $EXITVALUE != 0 ]; then\n    /usr/bin/logger -t logrotate "ALERT exited abnormally with [$EXITVALUE]"\nfi\nexit $EXITVALUE\n',
      "man-db":
        "#!/bin/sh\n#\n# man-db cron daily\n\nset -e\n\nif [ -d /run/systemd/system ]; then\n    exit 0\nfi\n\n# expunge old catman pages which have not been read in a week\nfind /var/cache/man -type f -name '*.gz' -atime +6 -print0 | xargs -r0 rm -f\n",
    },
    "cron.weekly": {
      ".placeholder": "# DO NOT EDIT OR REMOVE\n# This file is a simple placeholder to keep dpkg from removing this directory\n",
      "man-db":
        "#!/bin/sh\n#\n# man-db cron weekly\n\nset -e\n\nif [ -d /run/systemd/system ]; then\n    exit 0\nfi\n\n# regenerate man database\n/usr/bin/mandb --quiet\n",
    },
    "cron.monthly": {
      ".placeholder": "# DO NOT EDIT OR REMOVE\n# This file is a simple placeholder to keep dpkg from removing this directory\n",
    },
    "init.d": {
      apparmor:
        "#!/bin/sh\n### BEGIN INIT INFO\n# Provides:          apparmor\n# Required-Start:    $local_fs\n# Default-Start:     S\n# Short-Description: AppArmor initialization\n### END INIT INFO\n\n. /lib/apparmor/rc.apparmor.functions\n",
      cron: "#!/bin/sh\n### BEGIN INIT INFO\n# Provides:          cron\n# Required-Start:    $remote_fs $syslog $time\n# Default-Start:     2 3 4 5\n# Short-Description: Regular background program processing daemon\n### END INIT INFO\n\nDAEMON=/usr/sbin/cron\nNAME=cron\n",
      dbus: "#!/bin/sh\n### BEGIN INIT INFO\n# Provides:          dbus\n# Required-Start:    $remote_fs $syslog\n# Default-Start:     2 3 4 5\n# Short-Description: D-Bus systemwide message bus\n### END INIT INFO\n\nDAEMON=/usr/bin/dbus-daemon\n",
      kmod: '#!/bin/sh -e\n### BEGIN INIT INFO\n# Provides:          kmod\n# Default-Start:     S\n# Short-Description: Load the modules listed in /etc/modules.\n### END INIT INFO\n\nPATH="/sbin:/bin"\n',
      procps:
        "#! /bin/sh\n### BEGIN INIT INFO\n# Provides:          procps\n# Default-Start:     S\n# Short-Description: Configure kernel parameters at boottime\n### END INIT INFO\n\nPATH=/sbin:/bin\nSYSCTL=/sbin/sysctl\n",
      rsync:
        "#! /bin/sh\n### BEGIN INIT INFO\n# Provides:          rsyncd\n# Default-Start:     2 3 4 5\n# Short-Description: fast remote file copy program daemon\n### END INIT INFO\n\nDAEMON=/usr/bin/rsync\n",
      ssh: "#! /bin/sh\n\n### BEGIN INIT INFO\n# Provides:\t\tsshd\n# Required-Start:\t$remote_fs $syslog\n# Default-Start:\t2 3 4 5\n# Short-Description:\tOpenBSD Secure Shell server\n### END INIT INFO\n\nset -e\n\ntest -x /usr/sbin/sshd || exit 0\n",
      udev: '#!/bin/sh -e\n### BEGIN INIT INFO\n# Provides:          udev\n# Default-Start:     S\n# Short-Description: Start systemd-udevd, populate /dev and load drivers.\n### END INIT INFO\n\nPATH="/sbin:/bin"\n',
      ufw: '#!/bin/sh\n\n### BEGIN INIT INFO\n# Provides:          ufw\n# Default-Start:     S\n# Short-Description: start firewall\n### END INIT INFO\n\nset -e\n\nPATH="/sbin:/bin:/usr/sbin:/usr/bin"\n',
      "unattended-upgrades":
        "#! /bin/sh\n### BEGIN INIT INFO\n# Provides:          unattended-upgrade-shutdown-check\n# Default-Stop:      0 6\n# Short-Description: Check if unattended upgrades are being applied\n### END INIT INFO\n\nNAME=unattended-upgrades\n",
    },
  },
  rhel: {
    "cron.hourly": {
      "0anacron":
        '#!/bin/sh\n# Check whether 0anacron was run today already\nif test -r /var/spool/anacron/cron.daily; then\n    day=`cat /var/spool/anacron/cron.daily`\nfi\nif [ `date +%Y%m%d` = "$day" ]; then\n    exit 0\nfi\n\n# Do not run jobs when on battery power\nonline=1\n/usr/sbin/anacron -s\n',
    },
    "cron.daily": {
      rhsmd:
        '#!/bin/sh\n# nightly run of rhsmd to log entitlement expiration/validity errors to syslog\n# this is a cron job because it doesn\'t need to be a daemon\nconfig=$(grep -E "^processTimeout" /etc/rhsm/rhsm.conf | grep -Po "[0-9]+")\nif [ -n "$config" ]; then\n    rhsmd_timeout=$config\nelse\n    rhsmd_timeout=300\nfi\n/usr/bin/timeout $rhsmd_timeout /usr/libexec/rhsmd -s\n',
    },
    "cron.weekly": {},
    "cron.monthly": {},
    "init.d": {
      README:
        "You are looking for the traditional init scripts in /etc/rc.d/init.d,\nand they are gone?\n\nHere's an explanation on what's going on:\n\nYou are running a systemd-based OS where traditional init scripts have\nbeen replaced by native systemd services files.\n",
      functions:
        '# -*-Shell-script-*-\n#\n# functions\tThis file contains functions to be used by most or all\n#\t\tshell scripts in the /etc/init.d directory.\n#\n\nTEXTDOMAIN=initscripts\n\n# Make sure umask is sane\numask 022\n\n# Set up a default search path.\nPATH="/sbin:/usr/sbin:/bin:/usr/bin"\nexport PATH\n',
    },
  },
};

/** Cron jobs admins add (and remove weeks later): [folder, name, body]. */
export const ADMIN_CRON_JOBS: readonly (readonly [string, string, string])[] = [
  [
    "cron.daily",
    "backup-etc",
    "#!/bin/sh\n# Nightly copy of /etc for the config backup share\nset -e\ntar -czf /var/backups/etc-$(date +%F).tar.gz /etc 2>/dev/null\nfind /var/backups -name 'etc-*.tar.gz' -mtime +14 -delete\n",
  ],
  [
    "cron.daily",
    "cleanup-tmp",
    "#!/bin/sh\n# Remove stale files from /tmp and /var/tmp\nfind /tmp /var/tmp -xdev -type f -mtime +7 -delete\n",
  ],
  [
    "cron.daily",
    "logclean",
    "#!/bin/sh\n# Compress application logs older than a day\nfind /var/log/app -name '*.log' -mtime +1 -exec gzip -9 {} \\;\n",
  ],
  [
    "cron.weekly",
    "security-report",
    '#!/bin/sh\n# Weekly list of listening ports and setuid files, mailed to the security team\n{ ss -tlnp; find / -xdev -perm -4000 -type f 2>/dev/null; } | mail -s "$(hostname) weekly report" secops@contoso.com\n',
  ],
  [
    "cron.hourly",
    "sync-time-check",
    "#!/bin/sh\n# Alert when the clock drifts more than a second\nchronyc tracking | awk '/System time/ { if ($4 > 1.0) exit 1 }' || logger -p auth.warning \"clock drift\"\n",
  ],
  [
    "cron.monthly",
    "rotate-keys",
    "#!/bin/sh\n# Rotate the deploy user's SSH key (new key pushed by the pipeline)\n/usr/local/bin/rotate-deploy-key --quiet\n",
  ],
];

/** XOR.DDoS drops this exact script as /etc/cron.hourly/gcc.sh to keep its bot alive. */
export const MALWARE_CRON = {
  folder: "cron.hourly",
  name: "gcc.sh",
  body: "#!/bin/sh\nPATH=/bin:/sbin:/usr/bin:/usr/sbin:/usr/local/bin:/usr/local/sbin:/usr/X11R6/bin\nfor i in `cat /proc/net/dev|grep :|awk -F: {'print $1'}`; do ifconfig $i up& done\ncp /lib/libudev.so /lib/libudev.so.6\n/lib/libudev.so.6\n",
};

/** /boot/grub/grub.cfg (Ubuntu) or the BLS entry (RHEL) for a set of kernels, newest first. */
export function grubConfig(kernels: readonly string[], distro: "ubuntu" | "rhel"): string {
  const head =
    '#\n# DO NOT EDIT THIS FILE\n#\n# It is automatically generated by grub-mkconfig using templates\n# from /etc/grub.d and settings from /etc/default/grub\n#\n\nset default="0"\nset timeout_style=hidden\nset timeout=0\n';
  const root =
    distro === "ubuntu"
      ? "root=PARTUUID=3c1b1fd4-7d5e-4b7b-9b1e-0d1b2a8f6c11 ro console=tty1 console=ttyS0 earlyprintk=ttyS0"
      : "root=/dev/mapper/rootvg-rootlv ro crashkernel=1G-4G:192M,4G-64G:256M,64G-:512M console=tty1 console=ttyS0,115200n8";
  const entries = kernels.map(
    (k, i) =>
      `menuentry '${distro === "ubuntu" ? "Ubuntu" : "Red Hat Enterprise Linux"}${i === 0 ? "" : `, with Linux ${k}`}' --class gnu-linux {\n\tlinux\t/vmlinuz-${k} ${root}\n\tinitrd\t/${distro === "ubuntu" ? `initrd.img-${k}` : `initramfs-${k}.img`}\n}\n`,
  );
  return head + entries.join("");
}
