# PXE DHCP settings for UEFI machines with Secure Boot on (RouterOS 7).
# UEFI machines get shim, which the firmware trusts (signed by Microsoft); BIOS machines get PXELINUX.
/ip pool
add name=lab-pool ranges=192.168.255.100-192.168.255.199
/ip dhcp-server option
add code=66 name=tftp-server value="'192.168.255.2'"
add code=67 name=boot-bios value="'lpxelinux.0'"
add code=67 name=boot-uefi value="'grub/shimx64.efi'"
/ip dhcp-server option sets
add name=pxe-bios options=tftp-server,boot-bios
add name=pxe-uefi options=tftp-server,boot-uefi
/ip dhcp-server
add address-pool=lab-pool interface=bridge name=lab-dhcp
# UEFI machines (option 93 = 7, x64 UEFI) get their own option set.
/ip dhcp-server matcher
add code=93 name=uefi-x64 option-set=pxe-uefi server=lab-dhcp value=0x0007
/ip dhcp-server network
add address=192.168.255.0/24 gateway=192.168.255.1 dns-server=192.168.255.1 next-server=192.168.255.2 dhcp-option-set=pxe-bios
