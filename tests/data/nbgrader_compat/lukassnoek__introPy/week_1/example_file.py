# This is an example Python script

message = "Hi, welcome to introPy!"
print(message)

# Script has ended!