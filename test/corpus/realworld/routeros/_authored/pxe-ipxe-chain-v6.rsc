# Chain-load iPXE from a RouterOS 6 DHCP server: plain PXE ROMs get undionly.kpxe, iPXE gets its script.
# Authored by PXE Workbench for its test corpus (MIT).
/ip pool
add name=lab-pool ranges=10.10.0.100-10.10.0.200
/ip dhcp-server
add name=lab-dhcp interface=ether2 address-pool=lab-pool disabled=no
/ip dhcp-server network
add address=10.10.0.0/24 gateway=10.10.0.1 next-server=10.10.0.5 dhcp-option-set=chain-ipxe

/ip dhcp-server option
add code=66 name=tftp-server value="s'10.10.0.5'"
add code=67 name=ipxe-rom value="'undionly.kpxe'"
add code=67 name=ipxe-script value="'http://10.10.0.5/boot.ipxe'"
add code=17 name=root-path value="'iscsi:10.10.0.5::::iqn.2026-01.lab:disk1'"

/ip dhcp-server option sets
add name=chain-ipxe options=tftp-server,ipxe-rom
add name=ipxe-booted options=ipxe-script,root-path

# Matches iPXE's user class (option 77) and hands out the script instead of the ROM.
/ip dhcp-server matcher
add name=is-ipxe server=lab-dhcp code=77 value="iPXE" option-set=ipxe-booted
