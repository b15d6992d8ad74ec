# PXE DHCP settings for the home lab (RouterOS 7).
# The NAS (192.168.255.2) serves TFTP and HTTP; the router only hands out addresses and boot options.
/ip pool
add name=lab-pool ranges=192.168.255.100-192.168.255.199
/ip dhcp-server option
add code=66 name=tftp-server value="'192.168.255.2'"
add code=67 name=boot-bios value="'lpxelinux.0'"
add code=67 name=boot-uefi value="'syslinux.efi'"
add code=17 name=root-path value="'http://192.168.255.2/tftp/fedora-coreos.ipxe'"
add code=12 name=hostname-node1 value="s'node1'"
/ip dhcp-server option sets
add name=pxe-bios options=tftp-server,boot-bios
add name=pxe-uefi options=tftp-server,boot-uefi
add name=node1 options=tftp-server,boot-uefi,hostname-node1
/ip dhcp-server
add address-pool=lab-pool interface=bridge name=lab-dhcp
# UEFI machines (option 93 = 7, x64 UEFI) get their own option set.
/ip dhcp-server matcher
add code=93 name=uefi-x64 option-set=pxe-uefi server=lab-dhcp value=0x0007
/ip dhcp-server network
add address=192.168.255.0/24 gateway=192.168.255.1 dns-server=192.168.255.1 next-server=192.168.255.2 dhcp-option-set=pxe-bios
/ip dhcp-server lease
add address=192.168.255.50 mac-address=52:54:00:12:34:56 dhcp-option-set=node1 server=lab-dhcp comment="node1 (UEFI)"
