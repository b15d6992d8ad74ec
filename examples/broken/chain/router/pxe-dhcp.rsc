# One site, one broken hop per kind of machine (see examples/broken/README.md, "Boot chain").
/ip pool
add name=lab-pool ranges=192.168.255.100-192.168.255.199
/ip dhcp-server option
add code=66 name=tftp-server value="'192.168.255.2'"
# expect: chain.nextServerMismatch — option 66 names the router, the network's next-server the NAS.
add code=66 name=tftp-router value="'192.168.255.1'"
# expect: chain.firmwareMismatch — UEFI machines get this BIOS loader (no option-93 matcher).
add code=67 name=boot-bios value="'lpxelinux.0'"
# expect: routeros.bootFileMissing — a typo in the loader's name.
add code=67 name=boot-typo value="'lpxelinx.0'"
add code=67 name=boot-ipxe value="'undionly.kpxe'"
# expect: chain.noPxelinuxConfig — legacy/ has the loader but no pxelinux.cfg/.
add code=67 name=boot-legacy value="'legacy/lpxelinux.0'"
# expect: chain.notServed — nginx serves /tftp/, not /boot/.
add code=17 name=script-404 value="'http://192.168.255.2/boot/boot.ipxe'"
add code=17 name=script-typo value="'http://192.168.255.2/tftp/typo.ipxe'"
add code=17 name=script-foreign value="'http://192.168.255.2/tftp/foreign.ipxe'"
add code=17 name=script-rotated value="'http://192.168.255.2/tftp/rotated.ipxe'"
/ip dhcp-server option sets
add name=pxe-bios options=tftp-server,boot-bios
add name=typo-loader options=tftp-server,boot-typo
add name=nginx-404 options=tftp-server,boot-ipxe,script-404
add name=ignition-typo options=tftp-server,boot-ipxe,script-typo
add name=foreign-host options=tftp-server,boot-ipxe,script-foreign
add name=rotated-kernel options=tftp-server,boot-ipxe,script-rotated
add name=no-config options=tftp-server,boot-legacy
add name=other-tftp options=tftp-router,boot-bios
/ip dhcp-server
add address-pool=lab-pool interface=bridge name=lab-dhcp
/ip dhcp-server network
add address=192.168.255.0/24 gateway=192.168.255.1 dns-server=192.168.255.1 next-server=192.168.255.2 dhcp-option-set=pxe-bios
/ip dhcp-server lease
add address=192.168.255.51 mac-address=52:54:00:00:00:01 dhcp-option-set=typo-loader server=lab-dhcp comment=typo-loader
add address=192.168.255.52 mac-address=52:54:00:00:00:02 dhcp-option-set=nginx-404 server=lab-dhcp comment=nginx-404
add address=192.168.255.53 mac-address=52:54:00:00:00:03 dhcp-option-set=ignition-typo server=lab-dhcp comment=ignition-typo
add address=192.168.255.54 mac-address=52:54:00:00:00:04 dhcp-option-set=foreign-host server=lab-dhcp comment=foreign-host
add address=192.168.255.55 mac-address=52:54:00:00:00:05 dhcp-option-set=rotated-kernel server=lab-dhcp comment=rotated-kernel
add address=192.168.255.56 mac-address=52:54:00:00:00:06 dhcp-option-set=no-config server=lab-dhcp comment=no-config
add address=192.168.255.57 mac-address=52:54:00:00:00:07 dhcp-option-set=other-tftp server=lab-dhcp comment=other-tftp
