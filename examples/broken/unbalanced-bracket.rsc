# expect: routeros.unbalancedBracket
# The [ find … ] is never closed.
/ip dhcp-server network
set [ find address=192.168.255.0/24 next-server=192.168.255.2
