from example_module import average

a = 5
b = 10

average_number = average(a, b)
print(f"The average of {a} and {b} is {average_number}")